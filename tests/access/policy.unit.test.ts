/**
 * The access policy as a table: every permission × every role × the subjects that matter (own
 * hospital or another, own signal or another, another service). A change of a rule changes a
 * cell here on purpose.
 */
import { describe, expect, it } from "vitest";
import {
  authorize,
  caseScope,
  can,
  PERMISSIONS,
  rolesWith,
  signalScope,
  staffActor,
  type Permission,
  type StaffRole,
  type Subject,
} from "../../src/access/policy.ts";
import { DomainError } from "../../src/platform/errors.ts";

const SERVICE = "11111111-1111-4111-8111-111111111111";
const OTHER_SERVICE = "22222222-2222-4222-8222-222222222222";
const HOSPITAL = "33333333-3333-4333-8333-333333333333";
const OTHER_HOSPITAL = "44444444-4444-4444-8444-444444444444";
const ME = "55555555-5555-4555-8555-555555555555";
const SOMEONE = "66666666-6666-4666-8666-666666666666";

function actor(role: StaffRole) {
  return staffActor(
    { id: ME, role, serviceId: SERVICE, hospitalId: role === "reporter" ? HOSPITAL : null },
    "chat",
  );
}

/** The subjects each cell is decided for. */
const SUBJECTS: Record<string, Subject | undefined> = {
  none: undefined,
  mine: { serviceId: SERVICE, hospitalId: HOSPITAL, curatorId: ME, psychologistId: ME, ownerId: ME },
  others: {
    serviceId: SERVICE,
    hospitalId: OTHER_HOSPITAL,
    curatorId: SOMEONE,
    psychologistId: SOMEONE,
    ownerId: SOMEONE,
  },
  foreign: { serviceId: OTHER_SERVICE, hospitalId: HOSPITAL, curatorId: ME, psychologistId: ME },
};

type Cell = "allow" | "403" | "404";

/** permission → role → [none, mine, others, foreign]. */
const TABLE: Record<Permission, Record<StaffRole, [Cell, Cell, Cell, Cell]>> = {
  "signal.submit": {
    reporter: ["allow", "allow", "403", "404"],
    head: ["403", "403", "403", "404"],
    curator: ["403", "403", "403", "404"],
    psychologist: ["403", "403", "403", "404"],
    admin: ["403", "403", "403", "404"],
  },
  "signal.set_urgency": {
    reporter: ["403", "403", "403", "404"],
    head: ["allow", "allow", "allow", "404"],
    curator: ["403", "403", "403", "404"],
    psychologist: ["403", "403", "403", "404"],
    admin: ["403", "403", "403", "404"],
  },
  "signal.assign": {
    reporter: ["403", "403", "403", "404"],
    head: ["allow", "allow", "allow", "404"],
    curator: ["403", "403", "403", "404"],
    psychologist: ["403", "403", "403", "404"],
    admin: ["403", "403", "403", "404"],
  },
  "signal.reassign": {
    reporter: ["403", "403", "403", "404"],
    head: ["allow", "allow", "allow", "404"],
    curator: ["403", "403", "403", "404"],
    psychologist: ["403", "403", "403", "404"],
    admin: ["403", "403", "403", "404"],
  },
  "signal.accept": {
    reporter: ["403", "403", "403", "404"],
    head: ["403", "403", "403", "404"],
    curator: ["allow", "allow", "403", "404"],
    psychologist: ["403", "403", "403", "404"],
    admin: ["403", "403", "403", "404"],
  },
  "signal.decline": {
    reporter: ["403", "403", "403", "404"],
    head: ["403", "403", "403", "404"],
    curator: ["allow", "allow", "403", "404"],
    psychologist: ["403", "403", "403", "404"],
    admin: ["403", "403", "403", "404"],
  },
  "signal.depart": {
    reporter: ["403", "403", "403", "404"],
    head: ["403", "403", "403", "404"],
    curator: ["allow", "allow", "403", "404"],
    psychologist: ["403", "403", "403", "404"],
    admin: ["403", "403", "403", "404"],
  },
  "signal.arrive": {
    reporter: ["403", "403", "403", "404"],
    head: ["403", "403", "403", "404"],
    curator: ["allow", "allow", "403", "404"],
    psychologist: ["403", "403", "403", "404"],
    admin: ["403", "403", "403", "404"],
  },
  "signal.record_outcome": {
    reporter: ["403", "403", "403", "404"],
    head: ["403", "403", "403", "404"],
    curator: ["allow", "allow", "403", "404"],
    psychologist: ["403", "403", "403", "404"],
    admin: ["403", "403", "403", "404"],
  },
  "signal.read": {
    reporter: ["allow", "allow", "403", "404"],
    head: ["allow", "allow", "allow", "404"],
    curator: ["allow", "allow", "404", "404"],
    psychologist: ["403", "403", "403", "404"],
    admin: ["allow", "allow", "allow", "404"],
  },
  "signal.read_outcome": {
    reporter: ["403", "403", "403", "404"],
    head: ["allow", "allow", "allow", "404"],
    curator: ["allow", "allow", "404", "404"],
    psychologist: ["403", "403", "403", "404"],
    admin: ["allow", "allow", "allow", "404"],
  },
  "journal.hospital.read": {
    reporter: ["allow", "allow", "403", "404"],
    head: ["allow", "allow", "allow", "404"],
    curator: ["allow", "allow", "allow", "404"],
    psychologist: ["403", "403", "403", "404"],
    admin: ["allow", "allow", "allow", "404"],
  },
  "journal.service.read": {
    reporter: ["403", "403", "403", "404"],
    head: ["allow", "allow", "allow", "404"],
    curator: ["allow", "allow", "allow", "404"],
    psychologist: ["403", "403", "403", "404"],
    admin: ["allow", "allow", "allow", "404"],
  },
  "work.list": {
    reporter: ["allow", "allow", "403", "404"],
    head: ["allow", "allow", "allow", "404"],
    curator: ["allow", "allow", "allow", "404"],
    psychologist: ["403", "403", "403", "404"],
    admin: ["403", "403", "403", "404"],
  },
  "assessment.start": {
    reporter: ["403", "403", "403", "404"],
    head: ["403", "403", "403", "404"],
    curator: ["allow", "allow", "403", "404"],
    psychologist: ["allow", "allow", "403", "404"],
    admin: ["403", "403", "403", "404"],
  },
  "assessment.conduct": {
    reporter: ["403", "403", "403", "404"],
    head: ["403", "403", "403", "404"],
    curator: ["allow", "allow", "403", "404"],
    psychologist: ["allow", "allow", "403", "404"],
    admin: ["403", "403", "403", "404"],
  },
  "assessment.read": {
    reporter: ["403", "403", "403", "404"],
    head: ["allow", "allow", "allow", "404"],
    curator: ["allow", "allow", "404", "404"],
    psychologist: ["allow", "allow", "404", "404"],
    admin: ["allow", "allow", "allow", "404"],
  },
  "assessment.review": {
    reporter: ["403", "403", "403", "404"],
    head: ["allow", "allow", "allow", "404"],
    curator: ["403", "403", "403", "404"],
    psychologist: ["403", "403", "403", "404"],
    admin: ["403", "403", "403", "404"],
  },
  "console.sign_in": {
    reporter: ["403", "403", "403", "404"],
    head: ["allow", "allow", "allow", "404"],
    curator: ["allow", "allow", "allow", "404"],
    psychologist: ["403", "403", "403", "404"],
    admin: ["allow", "allow", "allow", "404"],
  },
  "service.overview": {
    reporter: ["403", "403", "403", "404"],
    head: ["allow", "allow", "allow", "404"],
    curator: ["403", "403", "403", "404"],
    psychologist: ["403", "403", "403", "404"],
    admin: ["allow", "allow", "allow", "404"],
  },
  "hospital.manage": {
    reporter: ["403", "403", "403", "404"],
    head: ["403", "403", "403", "404"],
    curator: ["403", "403", "403", "404"],
    psychologist: ["403", "403", "403", "404"],
    admin: ["allow", "allow", "allow", "404"],
  },
  "staff.manage": {
    reporter: ["403", "403", "403", "404"],
    head: ["403", "403", "403", "404"],
    curator: ["403", "403", "403", "404"],
    psychologist: ["403", "403", "403", "404"],
    admin: ["allow", "allow", "allow", "404"],
  },
  "api_token.manage": {
    reporter: ["403", "403", "403", "404"],
    head: ["403", "403", "403", "404"],
    curator: ["403", "403", "403", "404"],
    psychologist: ["403", "403", "403", "404"],
    admin: ["allow", "allow", "allow", "404"],
  },
  "register.export": {
    reporter: ["allow", "allow", "403", "404"],
    head: ["allow", "allow", "allow", "404"],
    curator: ["403", "403", "403", "404"],
    psychologist: ["403", "403", "403", "404"],
    admin: ["allow", "allow", "allow", "404"],
  },
  "report.read": {
    reporter: ["403", "403", "403", "404"],
    head: ["allow", "allow", "allow", "404"],
    curator: ["403", "403", "403", "404"],
    psychologist: ["403", "403", "403", "404"],
    admin: ["allow", "allow", "allow", "404"],
  },
  "abandonments.enter": {
    reporter: ["403", "403", "403", "404"],
    head: ["allow", "allow", "allow", "404"],
    curator: ["403", "403", "403", "404"],
    psychologist: ["403", "403", "403", "404"],
    admin: ["allow", "allow", "allow", "404"],
  },
  "case.read": {
    reporter: ["403", "403", "403", "404"],
    head: ["allow", "allow", "allow", "404"],
    curator: ["allow", "allow", "404", "404"],
    psychologist: ["allow", "allow", "404", "404"],
    admin: ["allow", "allow", "allow", "404"],
  },
  "case.list": {
    reporter: ["403", "403", "403", "404"],
    head: ["allow", "allow", "allow", "404"],
    curator: ["allow", "allow", "allow", "404"],
    psychologist: ["allow", "allow", "allow", "404"],
    admin: ["allow", "allow", "allow", "404"],
  },
  "case.sheet": {
    reporter: ["403", "403", "403", "404"],
    head: ["403", "403", "403", "404"],
    curator: ["allow", "allow", "403", "404"],
    psychologist: ["403", "403", "403", "404"],
    admin: ["403", "403", "403", "404"],
  },
  "case.plan": {
    reporter: ["403", "403", "403", "404"],
    head: ["403", "403", "403", "404"],
    curator: ["allow", "allow", "403", "404"],
    psychologist: ["403", "403", "403", "404"],
    admin: ["403", "403", "403", "404"],
  },
  "case.monitor": {
    reporter: ["403", "403", "403", "404"],
    head: ["allow", "allow", "allow", "404"],
    curator: ["allow", "allow", "403", "404"],
    psychologist: ["403", "403", "403", "404"],
    admin: ["403", "403", "403", "404"],
  },
  "case.close": {
    reporter: ["403", "403", "403", "404"],
    head: ["allow", "allow", "allow", "404"],
    curator: ["allow", "allow", "403", "404"],
    psychologist: ["403", "403", "403", "404"],
    admin: ["403", "403", "403", "404"],
  },
  "case.extend": {
    reporter: ["403", "403", "403", "404"],
    head: ["allow", "allow", "allow", "404"],
    curator: ["403", "403", "403", "404"],
    psychologist: ["403", "403", "403", "404"],
    admin: ["403", "403", "403", "404"],
  },
  "case.hand_over": {
    reporter: ["403", "403", "403", "404"],
    head: ["allow", "allow", "allow", "404"],
    curator: ["403", "403", "403", "404"],
    psychologist: ["403", "403", "403", "404"],
    admin: ["403", "403", "403", "404"],
  },
  "case.attach_psychologist": {
    reporter: ["403", "403", "403", "404"],
    head: ["allow", "allow", "allow", "404"],
    curator: ["allow", "allow", "403", "404"],
    psychologist: ["403", "403", "403", "404"],
    admin: ["403", "403", "403", "404"],
  },
  "case.client_contact": {
    reporter: ["403", "403", "403", "404"],
    head: ["403", "403", "403", "404"],
    curator: ["allow", "allow", "403", "404"],
    psychologist: ["403", "403", "403", "404"],
    admin: ["403", "403", "403", "404"],
  },
  "document.read": {
    reporter: ["allow", "allow", "404", "404"],
    head: ["allow", "allow", "404", "404"],
    curator: ["allow", "allow", "404", "404"],
    psychologist: ["allow", "allow", "404", "404"],
    admin: ["allow", "allow", "404", "404"],
  },
  "settings.change": {
    reporter: ["allow", "allow", "allow", "404"],
    head: ["allow", "allow", "allow", "404"],
    curator: ["allow", "allow", "allow", "404"],
    psychologist: ["allow", "allow", "allow", "404"],
    admin: ["allow", "allow", "allow", "404"],
  },
};

function outcome(permission: Permission, role: StaffRole, subject: Subject | undefined): Cell {
  try {
    authorize(actor(role), permission, subject);
    return "allow";
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return error.code === "not_found" ? "404" : "403";
  }
}

describe("the access policy", () => {
  it("has a row for every permission", () => {
    expect(Object.keys(TABLE).sort()).toEqual([...PERMISSIONS].sort());
  });

  const cells = Object.entries(TABLE).flatMap(([permission, roles]) =>
    Object.entries(roles).flatMap(([role, expected]) =>
      Object.keys(SUBJECTS).map((subject, i) => ({
        permission: permission as Permission,
        role: role as StaffRole,
        subject,
        expected: expected[i]!,
      })),
    ),
  );

  it.each(cells)("$permission × $role × $subject → $expected", ({ permission, role, subject, expected }) => {
    expect(outcome(permission, role, SUBJECTS[subject])).toBe(expected);
    expect(can(actor(role), permission, SUBJECTS[subject])).toBe(expected === "allow");
  });

  it("tells a curator why they may not act on someone else's signal", () => {
    expect(() => authorize(actor("curator"), "signal.accept", SUBJECTS.others)).toThrow(
      expect.objectContaining({ key: "signal.not_yours", code: "forbidden" }),
    );
  });

  it("refuses a reporter without a hospital everything of a hospital", () => {
    const lost = staffActor({ id: ME, role: "reporter", serviceId: SERVICE, hospitalId: null }, "api");
    expect(can(lost, "signal.submit")).toBe(false);
    expect(can(lost, "journal.hospital.read")).toBe(false);
    expect(signalScope(lost, "journal.hospital.read")).toBeNull();
  });

  it("lets a member of a case (an attached psychologist, a case's curator) start and read, not conduct", () => {
    const attached: Subject = { serviceId: SERVICE, curatorId: SOMEONE, memberIds: [ME] };
    expect(can(actor("psychologist"), "assessment.start", attached)).toBe(true);
    expect(can(actor("curator"), "assessment.read", attached)).toBe(true);
    expect(can(actor("curator"), "assessment.conduct", attached)).toBe(false);
    expect(() => authorize(actor("curator"), "assessment.conduct", attached)).toThrow(
      expect.objectContaining({ key: "assessment.not_yours", code: "forbidden" }),
    );
  });

  it("lets the system act (jobs, the command line) without a role", () => {
    expect(can({ kind: "system", channel: "job" }, "signal.assign", SUBJECTS.foreign)).toBe(true);
  });

  it("scopes lists: a head the service, a curator their own, a reporter their hospital", () => {
    expect(signalScope(actor("head"), "journal.service.read")).toEqual({ serviceId: SERVICE });
    expect(signalScope(actor("curator"), "journal.service.read")).toEqual({
      serviceId: SERVICE,
      curatorId: ME,
    });
    expect(signalScope(actor("reporter"), "journal.hospital.read")).toEqual({
      serviceId: SERVICE,
      hospitalId: HOSPITAL,
    });
    expect(signalScope(actor("reporter"), "journal.service.read")).toBeNull();
    expect(signalScope(actor("psychologist"), "work.list")).toBeNull();
  });

  it("lists the roles a command is for", () => {
    expect(rolesWith("signal.submit")).toEqual(["reporter"]);
    expect(rolesWith("work.list")).toEqual(["reporter", "head", "curator"]);
  });

  it("scopes case lists: heads and admins the service, a curator their own, a psychologist the attached", () => {
    expect(caseScope(actor("head"))).toEqual({ serviceId: SERVICE });
    expect(caseScope(actor("admin"))).toEqual({ serviceId: SERVICE });
    expect(caseScope(actor("curator"))).toEqual({ serviceId: SERVICE, curatorId: ME });
    expect(caseScope(actor("psychologist"))).toEqual({ serviceId: SERVICE, psychologistId: ME });
    expect(caseScope(actor("reporter"))).toBeNull();
  });

  it("tells a curator why they may not work on someone else's case", () => {
    expect(() => authorize(actor("curator"), "case.plan", SUBJECTS.others)).toThrow(
      expect.objectContaining({ key: "case.not_yours", code: "forbidden" }),
    );
  });
});
