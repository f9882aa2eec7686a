/**
 * Problems found in a file (a game, a votes file), each a sentence that starts with where it is.
 * Reading stops at MAX_ISSUES: enough to fix a file in one go, never a wall of text.
 */
export interface ValidationIssue {
  /** JSON path of the offending value, e.g. `preference[1][2]`, or a row, e.g. `row 3`. */
  path: string;
  /** A sentence that starts with the path. */
  message: string;
}

export const MAX_ISSUES = 20;

export class Issues {
  readonly list: ValidationIssue[] = [];

  add(path: string, message: string): void {
    if (this.list.length < MAX_ISSUES) this.list.push({ path, message: `${path} ${message}` });
  }

  get full(): boolean {
    return this.list.length >= MAX_ISSUES;
  }
}
