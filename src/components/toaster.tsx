"use client";

import { useEffect } from "react";
import { Toaster } from "sonner";
import { toasterMounted } from "./toast";

/** sonner's toaster; loaded by `LazyToaster`, never imported by a page directly. */
export default function ToasterNow() {
  useEffect(() => toasterMounted(), []);
  // Plain (not rich) colours: rich success and error toasts fail the contrast check.
  return <Toaster closeButton position="top-center" />;
}
