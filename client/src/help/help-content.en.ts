import type { HelpContent } from './help-content';

/* The help centre in English: the same sections and questions as help-content.th.ts. */
export const helpContentEn: HelpContent = {
  sections: [
    {
      id: 'sign-in',
      title: 'Signing in and activating an account',
      blocks: [
        {
          kind: 'p',
          text: 'A Local Administrative Organization (LAO) signs in with its 7-digit LAO code (the "info" code set by the Department of Local Administration). NACC staff use the user name their administrator gave them.',
        },
        { kind: 'h3', id: 'activate', text: 'Activating an account the first time (activation code)' },
        {
          kind: 'p',
          text: 'Unlike the old system, the first sign-in is not done with an empty password: LAO codes are public, so the first use needs an activation code (e.g. K7QF-M2XP-9H4T) from the NACC provincial office. A code works once and for 14 days.',
        },
        {
          kind: 'steps',
          items: [
            'On the sign-in page choose "Activate your account (first use)".',
            'Enter the 7-digit LAO code and the activation code.',
            'Choose a password of at least 8 characters that is neither the LAO code nor easy to guess, then press "Activate account".',
            'Fill in all three parts of the profile (location, area and executives, coordinator) before anything else.',
          ],
        },
        {
          kind: 'note',
          text: 'The coordinator’s e-mail is required: a forgotten password is reset through a link sent to it.',
        },
        { kind: 'h3', id: 'first-sign-in', text: 'Signing in afterwards' },
        {
          kind: 'steps',
          items: [
            'Enter the 7-digit LAO code (or a staff user name) and the password.',
            'Press "Sign in": the system opens your organisation’s home page.',
            'When done, press "Sign out", especially on a shared computer.',
          ],
        },
        { kind: 'h3', id: 'forgot-password', text: 'Forgotten password' },
        {
          kind: 'steps',
          items: [
            'On the sign-in page choose "Forgot password".',
            'Enter the LAO code and the e-mail recorded in the profile, then press "Send reset link".',
            'Open the link in the e-mail and choose a new password. The link works once and expires (30 minutes by default).',
          ],
        },
        {
          kind: 'note',
          text: 'Passwords are never sent by e-mail. If no mail arrives, check the spam folder or ask the NACC provincial office for a new activation code.',
        },
      ],
      links: [
        { to: '/activate', label: 'Activate your account' },
        { to: '/login', label: 'Sign in' },
        { to: '/forgot-password', label: 'Forgot password' },
      ],
    },
    {
      id: 'find-code',
      title: 'Finding your 7-digit LAO code',
      blocks: [
        {
          kind: 'p',
          text: 'The user name is the LAO’s 7-digit code set by the Department of Local Administration. If you do not remember it, search for it on the public pages, no sign-in needed.',
        },
        {
          kind: 'steps',
          items: [
            'Open "Find your 7-digit LAO code" (the LAO search).',
            'Type at least 2 characters of the LAO’s name, e.g. ดินทอง, or choose a province and district.',
            'The 7-digit code is shown under each LAO’s name in the results.',
          ],
        },
      ],
      links: [{ to: '/public', label: 'Find your 7-digit LAO code' }],
    },
    {
      id: 'record-projects',
      title: 'Recording projects',
      blocks: [
        {
          kind: 'p',
          text: 'Record every project, activity, measure or guideline of the anti-corruption action plan, one at a time.',
        },
        {
          kind: 'steps',
          items: [
            'Open "Records / reports" and choose the fiscal year.',
            'Press "Record a project": the plan entry form opens.',
            'Enter the name, fiscal years and quarters, work type, dimension, essence, budgets, target groups and objectives.',
            'Press "Save and return to the list" or "Save and record the next project" ("Clear" empties the form).',
            'When every project is in, press "Submit the plan" so NACC can assess it.',
          ],
        },
        {
          kind: 'list',
          items: [
            'A project serving several dimensions: choose the main one under "Dimension" and the others under "Additional dimensions (optional)".',
            'A project without budget: choose "Done without budget"; no amounts are needed.',
            'While NACC assesses a year’s plan, its projects cannot be added, edited or deleted.',
            'A project NACC rejected (not consistent with its dimension) needs no progress report.',
          ],
        },
      ],
      links: [
        { to: '/lao/records', label: 'Records / reports' },
        { to: '/lao/records/new', label: 'Record a project' },
      ],
    },
    {
      id: 'import-plan',
      title: 'Importing the plan book from a file',
      blocks: [
        {
          kind: 'p',
          text: 'A plan with many projects can be imported from an Excel (.xlsx) or CSV file instead of being typed one project at a time.',
        },
        {
          kind: 'steps',
          items: [
            'Under "Records / reports" press "Import from a file".',
            'Download the Excel (.xlsx) or CSV template and enter one project per row, from row 2.',
            'Choose the file (at most 3 MB and 1,000 rows): every row is checked and shown before anything is saved.',
            'If there are mistakes, the rows and columns to fix are listed and nothing is saved; fix the file and choose it again.',
            'When the whole file is valid, press "Confirm import of … rows".',
          ],
        },
      ],
      links: [
        { to: '/lao/records/import', label: 'Import projects from a file' },
        { to: '/templates/projects.xlsx', label: 'Excel template (.xlsx)' },
        { to: '/templates/projects.csv', label: 'CSV template' },
      ],
    },
    {
      id: 'report-rounds',
      title: 'Reporting progress in each round',
      blocks: [
        {
          kind: 'p',
          text: 'Every project is reported twice a year, only for fiscal years whose plan has passed.',
        },
        {
          kind: 'list',
          items: [
            '6-month round: by default from the start of the fiscal year (1 October) to the end of April.',
            '12-month round: by default from 1 April to the end of October.',
            'NACC sets each year’s windows; the "Progress reports" page shows your deadline and the time left (Thailand time).',
          ],
        },
        {
          kind: 'steps',
          items: [
            'Open "Progress reports" and choose the fiscal year and round.',
            'Press "Report" at the end of the project’s row.',
            'Say whether the project is in the budget ordinance or operating plan, its ordinance budget and the amount actually disbursed.',
            'Choose the status: in progress, completed, or unable to proceed (with a reason), then press "Save report".',
          ],
        },
        {
          kind: 'list',
          items: [
            'In progress: under way, or not started but planned within this fiscal year.',
            'Completed: finished, or running continuously all year.',
            'Unable to proceed: no budget received, executive policy changed, insufficient personnel, or another reason.',
          ],
        },
        {
          kind: 'note',
          text: 'A report can be corrected while its round is open; every change is kept. Once the round closes the data is read-only.',
        },
      ],
      links: [{ to: '/lao/reports', label: 'Progress reports' }],
    },
    {
      id: 'request-extension',
      title: 'Requesting an extension',
      blocks: [
        {
          kind: 'p',
          text: 'If you must report after the deadline, ask NACC for more time from the progress report page once the round has closed.',
        },
        {
          kind: 'steps',
          items: [
            'On "Progress reports" choose the fiscal year and the closed round.',
            'Under "Ask for more time" choose the date you need and give the reason.',
            'Press "Ask for more time": the request waits for NACC’s decision and its status shows in the list.',
            'Once granted, you can report until 23:59 of the granted day.',
          ],
        },
      ],
      links: [{ to: '/lao/reports', label: 'Progress reports' }],
    },
    {
      id: 'contact',
      title: 'Contact',
      blocks: [
        {
          kind: 'p',
          text: 'For problems using the system (data cannot be saved, the screen freezes, a forgotten password, no reply to a reset request, "user not found") or questions on how to record data, use the channels below.',
        },
      ],
      links: [],
    },
    { id: 'faq', title: 'Frequently asked questions', blocks: [], links: [] },
  ],
  faq: [
    {
      id: 'faq-forgot-password',
      question: 'I forgot my password. What should I do?',
      answer: [
        'On the sign-in page choose "Forgot password", enter the LAO code and the e-mail recorded in the profile, then press "Send reset link".',
        'A link to set a new password (never the password itself) is sent to the coordinator’s e-mail recorded in the system. It works once and expires. If no mail arrives, use the channels under Contact.',
      ],
      source: 'seed-002',
      adapted: true,
      section: 'sign-in',
    },
    {
      id: 'faq-user-not-found',
      question: 'Signing in says "user not found". What should I do?',
      answer: [
        '1. Check the keyboard language and caps lock against the password you mean to type.',
        '2. If you still cannot sign in, use "Forgot password" or the channels under Contact.',
      ],
      source: 'seed-002',
      adapted: true,
      section: 'sign-in',
    },
    {
      id: 'faq-registered-not-found',
      question: 'I registered, but the next time I signed in it said "user not found". Why?',
      answer: [
        'The user name or password was entered wrongly: see "Signing in and activating an account" and "Forgotten password".',
        'After several wrong attempts in a row the system asks you to wait a moment; the message says how long.',
      ],
      source: 'seed-004',
      adapted: true,
      section: 'sign-in',
    },
    {
      id: 'faq-email-required',
      question: 'Is the e-mail required?',
      answer: ['Yes: it is how the system checks who you are before sending a link to set a new password.'],
      source: 'seed-004',
      adapted: true,
      section: 'sign-in',
    },
    {
      id: 'faq-edit-profile',
      question: 'How do I change the profile (location, area and executives, coordinator)?',
      answer: [
        'Open "Profile", choose the part, change what you need and press that part’s save button.',
        'The password is changed under "Change password" at the top of the screen.',
      ],
      source: 'seed-004',
      adapted: true,
    },
    {
      id: 'faq-year-not-passed',
      question: 'Why can I not record projects or report progress in the chosen fiscal year?',
      answer: [
        'Progress can be reported only for fiscal years whose plan has passed.',
        'Projects can be recorded for the years of the plan cycle, except while NACC assesses that year’s plan.',
      ],
      source: 'seed-004',
      adapted: true,
      section: 'record-projects',
    },
    {
      id: 'faq-print',
      question: 'How do I print a report?',
      answer: [
        'Open "Print reports", choose the report and the fiscal year (and round), then press "Print" or download it as Excel/CSV.',
      ],
      source: 'seed-004',
      adapted: true,
    },
    {
      id: 'faq-many-dimensions',
      question: 'How do I record a project that serves several dimensions?',
      answer: ['Open the project form, then choose the additional dimensions (if any).'],
      source: 'seed-004',
      adapted: false,
      section: 'record-projects',
    },
    {
      id: 'faq-rejected-project',
      question: 'NACC marked one of our projects as rejected. What should we do?',
      answer: ['Nothing: a rejected project needs no progress report.'],
      source: 'seed-004',
      adapted: false,
      section: 'report-rounds',
    },
    {
      id: 'faq-wrong-status',
      question: 'I reported the wrong status for a project. What should I do?',
      answer: [
        'Unlike the old system there is no need to delete and re-enter the project: press "Edit report" and save the right status while the round is open. Every change is kept.',
        'If the round has closed, request an extension from NACC.',
      ],
      source: 'seed-002',
      adapted: true,
      section: 'report-rounds',
    },
    {
      id: 'faq-levels',
      question: 'How is the implementation level worked out?',
      answer: [
        'Percentage = the fiscal year’s projects reported completed in the round, divided by the fiscal year’s projects that were not rejected, times 100; the level follows each round’s thresholds:',
      ],
      source: 'seed-004',
      adapted: true,
      section: 'report-rounds',
      levels: true,
    },
    {
      id: 'faq-no-activation-code',
      question: 'I have no activation code, or it expired. What should I do?',
      answer: [
        'Ask your NACC provincial office for a new one. A new code makes the older unused ones stop working.',
      ],
      source: 'new',
      adapted: false,
      section: 'sign-in',
    },
  ],
};
