"use client";

import dynamic from "next/dynamic";

/**
 * The error boundaries' content (./route-error), loaded only when a boundary shows: the layouts'
 * error boundaries are part of every page's scripts, their content is not (spec 18.3). An error
 * the server renders gets it in the page's HTML and scripts as before.
 */
export const LazyRouteError = dynamic(() => import("./route-error").then((m) => m.RouteError));
