/** A fresh id with a prefix, unique among `taken` (ids are what the server uses to link nodes). */
export function freshId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  let n = used.size + 1;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}
