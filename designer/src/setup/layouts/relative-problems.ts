// Problems of the whole object document → relative to the layout or record type being edited
// (`/layouts/2/sections/0/labels` → `/sections/0/labels`), so the editor's controls claim them.
import type { PathProblem } from '../problems.ts';

export const relativeTo = (problem: PathProblem, prefix: string): PathProblem =>
  problem.path === prefix || problem.path.startsWith(`${prefix}/`) ? { ...problem, path: problem.path.slice(prefix.length) } : problem;
