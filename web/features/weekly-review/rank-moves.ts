/** The `n` biggest moves, up or down, in the list's own order (the climbs first, the falls after). */
export function biggestMoves<T extends { change: number }>(moves: readonly T[], n: number): T[] {
  const biggest = new Set([...moves].sort((a, b) => Math.abs(b.change) - Math.abs(a.change)).slice(0, n));
  return moves.filter((m) => biggest.has(m));
}
