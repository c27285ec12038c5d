import { TicketViewSkeleton } from "@/components/support/team-ticket-view";

export default function StaffTicketLoading() {
  return <TicketViewSkeleton />;
}
