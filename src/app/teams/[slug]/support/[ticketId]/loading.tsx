import { TicketViewSkeleton } from "@/components/support/ticket-parts";

export default function TicketLoading() {
  return <TicketViewSkeleton />;
}
