"use client";

import type { ExternalToast } from "sonner";

/**
 * Toasts without sonner in every page's first scripts (spec 18.3): the toaster and its library
 * load just after the page is interactive (`LazyToaster`), and a toast asked for before then
 * waits for it, so none is lost.
 */
let markMounted: () => void = () => {};
const mounted = new Promise<void>((resolve) => (markMounted = resolve));

/** Called by the toaster once it is on the page. */
export function toasterMounted(): void {
  markMounted();
}

type TKind = "success" | "error" | "info";

function show(kind: TKind, message: string, data?: ExternalToast): void {
  void Promise.all([import("sonner"), mounted]).then(([{ toast: sonner }]) => sonner[kind](message, data));
}

export const toast = {
  success: (message: string, data?: ExternalToast) => show("success", message, data),
  error: (message: string, data?: ExternalToast) => show("error", message, data),
  info: (message: string, data?: ExternalToast) => show("info", message, data),
};
