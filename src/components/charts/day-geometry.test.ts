import { describe, expect, it } from "vitest";
import { dayIndexAt, dayX, HEIGHT, labelIndexes, seriesLines, stackedAreas, valueY, WIDTH } from "./day-geometry";

const series = [
  { id: "a", name: "A", color: "#000" },
  { id: "b", name: "B", color: "#111" },
];
const points = [
  { day: "2026-11-01", values: { a: 10, b: 30 } },
  { day: "2026-11-02", values: { a: 20 } },
  { day: "2026-11-03", values: { a: 0, b: 40 } },
];

/** The (x, y) pairs of a path's M/L commands. */
const pairs = (d: string) =>
  d
    .replace(/Z$/, "")
    .slice(1)
    .split("L")
    .map((p) => p.split(",").map(Number));

describe("day chart geometry", () => {
  it("spreads the days over the width and puts a single day in the middle", () => {
    expect([0, 1, 2].map((i) => dayX(i, 3))).toEqual([0, WIDTH / 2, WIDTH]);
    expect(dayX(0, 1)).toBe(WIDTH / 2);
    expect(valueY(0, 80)).toBe(HEIGHT);
    expect(valueY(80, 80)).toBe(0);
    expect(valueY(20, 80)).toBe(75);
  });

  it("stacks areas in series order: the last top edge is each day's total, a missing value counts 0", () => {
    const [a, b] = stackedAreas(points, series, 80);
    // a: 10, 20, 0 from the zero line; b on top of a: 40, 20, 40.
    expect(pairs(a!.line)).toEqual([
      [0, 87.5],
      [500, 75],
      [1000, 100],
    ]);
    expect(pairs(b!.line)).toEqual([
      [0, 50],
      [500, 75],
      [1000, 50],
    ]);
    // b's area closes along a's top edge, backwards.
    expect(pairs(b!.area!).slice(3)).toEqual([
      [1000, 100],
      [500, 75],
      [0, 87.5],
    ]);
    expect(b!.area!.endsWith("Z")).toBe(true);
  });

  it("draws lines through the days that have a value (gaps bridged), a lone value as a dot", () => {
    const [a, b] = seriesLines(points, series, 40);
    expect(pairs(a!.line)).toHaveLength(3);
    expect(pairs(b!.line)).toEqual([
      [0, 25],
      [1000, 0],
    ]);
    const [lone] = seriesLines([{ day: "2026-12-01", values: { a: 5 } }], series, 10);
    expect(lone!.line).toBe("M500,50l0.01,0");
    expect(seriesLines(points, [{ id: "none", name: "", color: "" }], 10)[0]!.line).toBe("");
  });

  it("finds the day under the pointer and picks a few axis labels, first and last among them", () => {
    expect(dayIndexAt(0, 30)).toBe(0);
    expect(dayIndexAt(1, 30)).toBe(29);
    expect(dayIndexAt(0.5, 31)).toBe(15);
    expect(dayIndexAt(-0.2, 30)).toBe(0);
    expect(dayIndexAt(1.3, 30)).toBe(29);
    expect(labelIndexes(30)).toEqual([0, 7, 15, 22, 29]);
    expect(labelIndexes(3)).toEqual([0, 1, 2]);
    expect(labelIndexes(0)).toEqual([]);
  });
});
