import { folderProject } from '../../vitest.workspace.ts';

export default folderProject('core', 'packages/core');
