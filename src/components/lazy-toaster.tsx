"use client";

import dynamic from "next/dynamic";

/** The toaster, loaded after the page's own scripts (see ./toast.ts). */
export const LazyToaster = dynamic(() => import("./toaster"), { ssr: false });
