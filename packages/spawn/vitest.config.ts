import { folderProject } from '../../vitest.workspace.ts';

export default folderProject('spawn', 'packages/spawn');
