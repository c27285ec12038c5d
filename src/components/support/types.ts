import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/trpc/types";

type TOutputs = inferRouterOutputs<AppRouter>;

/** A ticket as the team's list shows it. */
export type TTeamTicket = TOutputs["tickets"]["list"][number];
/** A ticket with its conversation, as a team member sees it (never an internal note). */
export type TTeamTicketDetail = TOutputs["tickets"]["get"];
/** A row of the staff queue (with its team and assignee's name). */
export type TQueueTicket = TOutputs["support"]["queue"][number];
/** A ticket with its whole conversation, internal notes included, as staff see it. */
export type TStaffTicketDetail = TOutputs["support"]["ticket"];
export type TTicketMessage = TStaffTicketDetail["messages"][number];
export type TTicketSla = TTeamTicket["sla"];
export type TSupportStats = TOutputs["support"]["stats"];

/** The team's billing context beside a staff ticket (spec 19). */
export type TTeamContext = TOutputs["support"]["teamContext"];
