// Routes of the SPA; feature pages are loaded lazily so the login page stays small.
import { createBrowserRouter } from "react-router";
import { paths } from "../config/paths";
import { SignedIn } from "./layout/signed-in";
import { IndexRedirect } from "./routes/index-redirect";
import { NotFoundRoute } from "./routes/not-found";

export const router = createBrowserRouter([
  {
    path: paths.login.path,
    lazy: async () => ({ Component: (await import("../features/auth/routes/login")).LoginRoute }),
  },
  {
    path: paths.activate.path,
    lazy: async () => ({ Component: (await import("../features/activation/routes/activate")).ActivateRoute }),
  },
  {
    path: paths.forgotPassword.path,
    lazy: async () => ({ Component: (await import("../features/auth/routes/forgot-password")).ForgotPasswordRoute }),
  },
  {
    path: paths.resetPassword.path,
    lazy: async () => ({ Component: (await import("../features/auth/routes/reset-password")).ResetPasswordRoute }),
  },
  {
    element: <SignedIn />,
    children: [
      { index: true, element: <IndexRedirect /> },
      {
        path: paths.portal.home.path,
        lazy: async () => ({ Component: (await import("../features/portal/routes/portal-home")).PortalHomeRoute }),
      },
      {
        path: paths.portal.dossier.path,
        lazy: async () => ({ Component: (await import("../features/dossier/routes/documents")).DossierRoute }),
      },
      {
        path: paths.portal.verslagen.path,
        lazy: async () => ({ Component: (await import("../features/dossier/routes/documents")).VerslagenRoute }),
      },
      {
        path: paths.portal.afspraken.path,
        lazy: async () => ({ Component: (await import("../features/appointments/routes/appointments")).AppointmentsRoute }),
      },
      {
        path: paths.portal.berichten.path,
        lazy: async () => ({ Component: (await import("../features/messages/routes/messages")).MessagesRoute }),
      },
      {
        path: paths.portal.dagboek.path,
        lazy: async () => ({ Component: (await import("../features/diary/routes/diary")).DiaryRoute }),
      },
      {
        path: paths.portal.aanDeSlag.path,
        lazy: async () => ({ Component: (await import("../features/modules/routes/assignments")).AssignmentsRoute }),
      },
      {
        path: paths.portal.assignment.path,
        lazy: async () => ({ Component: (await import("../features/modules/routes/assignment")).AssignmentRoute }),
      },
      {
        path: paths.portal.accessLog.path,
        lazy: async () => ({ Component: (await import("../features/dossier/routes/access-log")).AccessLogRoute }),
      },
      {
        path: paths.portal.section.path,
        lazy: async () => ({ Component: (await import("../features/portal/routes/portal-section")).PortalSectionRoute }),
      },
      {
        path: paths.account.path,
        lazy: async () => ({ Component: (await import("../features/account/routes/account")).AccountRoute }),
      },
      {
        path: paths.support.path,
        lazy: async () => ({ Component: (await import("../features/info/routes/support")).SupportRoute }),
      },
      {
        path: paths.about.path,
        lazy: async () => ({ Component: (await import("../features/info/routes/about")).AboutRoute }),
      },
      {
        path: paths.beheer.clients.path,
        lazy: async () => ({ Component: (await import("../features/beheer/routes/client-list")).ClientListRoute }),
      },
      {
        path: paths.beheer.workQueue.path,
        lazy: async () => ({ Component: (await import("../features/beheer/routes/work-queue")).WorkQueueRoute }),
      },
      {
        path: paths.beheer.newClient.path,
        lazy: async () => ({ Component: (await import("../features/beheer/routes/new-client")).NewClientRoute }),
      },
      {
        path: paths.beheer.client.path,
        lazy: async () => ({ Component: (await import("../features/beheer/routes/client-page")).ClientPageRoute }),
      },
      {
        path: paths.beheer.questionnaires.path,
        lazy: async () => ({ Component: (await import("../features/modules/routes/questionnaires")).QuestionnairesRoute }),
      },
      {
        path: paths.beheer.inbox.path,
        lazy: async () => ({ Component: (await import("../features/messages/routes/staff-inbox")).StaffInboxRoute }),
      },
      {
        path: paths.organisatie.settings.path,
        lazy: async () => ({ Component: (await import("../features/organization/routes/settings")).SettingsRoute }),
      },
      {
        path: paths.organisatie.policy.path,
        lazy: async () => ({ Component: (await import("../features/organization/routes/policy")).PolicyRoute }),
      },
      {
        path: paths.organisatie.staff.path,
        lazy: async () => ({ Component: (await import("../features/organization/routes/staff")).StaffRoute }),
      },
      {
        path: paths.organisatie.terms.path,
        lazy: async () => ({ Component: (await import("../features/organization/routes/terms")).TermsRoute }),
      },
      {
        path: paths.organisatie.auditLog.path,
        lazy: async () => ({ Component: (await import("../features/organization/routes/audit-log")).AuditLogRoute }),
      },
      { path: "*", element: <NotFoundRoute /> },
    ],
  },
]);
