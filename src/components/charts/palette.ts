/**
 * Series colours of the charts, one per project in a stable order. Deliberately none of the level
 * colours (green, amber, orange, red), so a project's line never reads as a warning.
 */
export const SERIES_COLORS = ["#4f46e5", "#0891b2", "#a21caf", "#0d9488", "#db2777", "#475569", "#2563eb", "#7c3aed"] as const;

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length]!;
}
