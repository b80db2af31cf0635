import { folderProject } from '../vitest.workspace.ts';

export default folderProject('scripts', 'scripts', ['**/*.test.ts']);
