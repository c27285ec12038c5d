import { TicketViewSkeleton } from "@/components/support/ticket-parts";

export default function StaffTicketLoading() {
  return <TicketViewSkeleton />;
}
