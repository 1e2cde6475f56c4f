/** Who a request is: the user of its session with their role × office grants (and the posts delegated to them today). */
export interface RoleGrant {
  role: string;
  office: string | null;
  /** a post delegated to this user for today (delegations.ts): the officer who delegated it */
  delegatedFrom?: { id: string; username: string };
}

export interface SessionUser {
  id: string;
  username: string;
  name: string;
  roles: RoleGrant[];
}
