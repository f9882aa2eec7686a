/**
 * Fill colours of the actions in "Policy over time": twelve colours that differ clearly in normal
 * vision and under protanopia and deuteranopia, ordered so that neighbouring layers of the stack
 * differ most (tests/unit/core/palette.test.ts measures both). Past twelve actions the colours repeat;
 * each layer's tooltip and the legend still name its action.
 */
export const ACTION_COLORS: readonly string[] = [
  '#4E79A7',
  '#EEDD00',
  '#AA1155',
  '#99EEAA',
  '#AA0011',
  '#77BBFF',
  '#995500',
  '#BBDDDD',
  '#F28E2B',
  '#9999AA',
  '#557766',
  '#77AA88',
];

export function actionColor(i: number): string {
  return ACTION_COLORS[i % ACTION_COLORS.length]!;
}
