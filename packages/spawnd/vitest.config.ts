import { folderProject } from '../../vitest.workspace.ts';

export default folderProject('spawnd', 'packages/spawnd');
