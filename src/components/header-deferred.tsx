"use client";

import { Bell } from "lucide-react";
import dynamic from "next/dynamic";

/**
 * The header's live updates and notification bell, loaded after the page's own scripts (spec 18.3:
 * neither is needed to show the page). Until the bell's code has arrived, a box of its size and look
 * holds its place, so nothing moves when it comes.
 */
export const DeferredLiveUpdates = dynamic(() => import("./live/use-live-events").then((m) => m.LiveUpdates), { ssr: false });

export const DeferredNotificationBell = dynamic(() => import("./notification-bell").then((m) => m.NotificationBell), {
  ssr: false,
  loading: BellPlaceholder,
});

function BellPlaceholder() {
  return (
    <div className="relative" data-testid="notification-bell-placeholder">
      <span aria-hidden className="relative inline-flex size-8 items-center justify-center rounded-md border border-input bg-card text-foreground shadow-sm">
        <Bell className="size-4" />
      </span>
    </div>
  );
}
