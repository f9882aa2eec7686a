/** Whole numbers as the views print them (1,234). */
export const fmtInt = (v: number): string => Math.round(v).toLocaleString('en-US');
