/**
 * The live (AWS) offer data, loaded on first use from a file of its own (`dist/offers/live-data.cjs`:
 * the build makes one of every module a file directly in src/ loads with `import()`), so an offline
 * search loads none of its code. That file shares only the startup modules with the command that
 * loads it, so state such as the `--catalog` choice reaches it as parameters.
 */
export const importLiveData = () => import('./offers/live-data.ts');
