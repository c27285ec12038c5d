"use client";

import { useEffect, useState } from "react";
import { clock } from "@/lib/clock";

/** Milliseconds left until `deadline` at `nowMs`, never below zero. */
export function msLeft(deadline: Date | string | number, nowMs: number): number {
  const at = deadline instanceof Date ? deadline.getTime() : new Date(deadline).getTime();
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : 0;
}

/**
 * A time left as "mm:ss" ("09:41", "00:00"; "60:00" for an hour: minutes are not wrapped into
 * hours). A started second counts as a whole one, so "00:00" shows only once the time is up.
 */
export function formatCountdown(ms: number): string {
  const seconds = Number.isFinite(ms) && ms > 0 ? Math.ceil(ms / 1000) : 0;
  const mm = Math.floor(seconds / 60);
  const ss = seconds % 60;
  return `${String(mm).padStart(2, "0")}:${String(ss).padStart(2, "0")}`;
}

/**
 * The console's time (spec 13: the browser follows the server's clock, never the device's alone),
 * read again every `intervalMs` while `isRunning`. Null until mounted, so the server and the first
 * render in the browser agree.
 */
export function useConsoleNow(isRunning: boolean, intervalMs = 1000): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(clock.nowMs());
    if (!isRunning) return;
    const timer = window.setInterval(() => setNow(clock.nowMs()), intervalMs);
    return () => window.clearInterval(timer);
  }, [isRunning, intervalMs]);
  return now;
}
