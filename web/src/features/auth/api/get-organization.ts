// The organization's public data; defined in lib/ because activation's pages at the door need it too.
export { organizationQueryOptions, useOrganization } from "../../../lib/organization";
