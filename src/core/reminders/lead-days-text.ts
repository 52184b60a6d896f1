/** Lead times in words: [30, 7, 1] is "30, 7 and 1 days", [1] is "1 day". */
export function leadDaysText(leadDays: readonly number[]): string {
  const sorted = [...leadDays].sort((a, b) => b - a).map(String);
  const unit = sorted.length === 1 && sorted[0] === '1' ? 'day' : 'days';
  const list = sorted.length <= 1 ? (sorted[0] ?? '') : `${sorted.slice(0, -1).join(', ')} and ${sorted.at(-1)}`;
  return `${list} ${unit}`;
}
