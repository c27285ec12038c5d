import { describe, expect, it } from "vitest";
import { FINAL_PAYMENT_STATUSES, OPEN_PAYMENT_STATUSES, PAYMENT_STATUSES, canMovePayment, isFinalStatus, type TPaymentStatus } from "./payments";

describe("the payment status machine", () => {
  // Every pair (from → to): the moves spec 7.1 allows, nothing else.
  const allowed: Record<TPaymentStatus, TPaymentStatus[]> = {
    pending: ["processing", "completed", "failed", "cancelled"],
    processing: ["completed", "failed", "cancelled"],
    completed: [],
    failed: [],
    cancelled: [],
  };
  for (const from of PAYMENT_STATUSES) {
    it.each(PAYMENT_STATUSES.map((to) => [to, allowed[from].includes(to)] as const))(`${from} → %s: %s`, (to, ok) => {
      expect(canMovePayment(from, to)).toBe(ok);
    });
  }

  it("completed, failed and cancelled are final; pending and processing are open", () => {
    expect(FINAL_PAYMENT_STATUSES).toEqual(["completed", "failed", "cancelled"]);
    expect(OPEN_PAYMENT_STATUSES).toEqual(["pending", "processing"]);
    expect(PAYMENT_STATUSES.filter(isFinalStatus)).toEqual([...FINAL_PAYMENT_STATUSES]);
  });
});
