"use client";

import { clock } from "@/lib/clock";

/**
 * Aligns the browser's clock on the server's (spec 13, one clock): relative dates ("renews in 20
 * days") and the client's own date arithmetic then agree with what the server computed, whatever
 * the device's clock says, and under SERVELINK_FAKE_NOW in tests. It sets the offset while it
 * renders, before the components after it in the layout do.
 */
export function ServerClock({ serverNowMs }: { serverNowMs: number }) {
  if (typeof window !== "undefined") {
    const w = window as unknown as { __servelinkClockAligned?: boolean };
    if (!w.__servelinkClockAligned) {
      w.__servelinkClockAligned = true;
      clock.setOffsetMs(serverNowMs - Date.now());
    }
  }
  return null;
}
