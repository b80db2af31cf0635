import { folderProject } from '../../vitest.workspace.ts';

export default folderProject('truffle', 'packages/truffle');
