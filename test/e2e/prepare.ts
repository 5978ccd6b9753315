import { graphqlClient, type GraphQLClient } from '../helpers/graphql-client';

export const laoCode = '5650803';
export const laoPassword = 'Wang-Pikul-2565';

/** An LAO (วังพิกุล, demo data) that has activated and completed its profile, set up over the API. */
export const prepareLao = async (url: string) => {
  const nacc = graphqlClient(url);
  const login = await nacc(
    `mutation { login(input: { username: "nacc.admin", password: "Demo-NACC-2565" }) { token } }`,
  );
  nacc.token = login.data?.login.token;
  const lao = (await nacc(`{ lao(code: "${laoCode}") { id } }`)).data?.lao;
  const code = (await nacc(`mutation($id: ID!) { issueActivationCode(laoId: $id) { code } }`, { id: lao.id }))
    .data?.issueActivationCode.code;
  const client = graphqlClient(url);
  const activated = await client(
    `mutation($input: ActivateAccountInput!) { activateAccount(input: $input) { token viewer { lao { version } } } }`,
    { input: { laoCode, activationCode: code, password: laoPassword } },
  );
  client.token = activated.data?.activateAccount.token;
  let version = activated.data?.activateAccount.viewer.lao.version;
  const save = async (mutation: string, type: string, input: Record<string, unknown>) => {
    const response = await client(`mutation($input: ${type}!) { ${mutation}(input: $input) { version } }`, {
      input: { laoId: lao.id, version, ...input },
    });
    version = response.data?.[mutation].version;
  };
  await save('updateLaoLocation', 'LaoLocationInput', { size: 'SMALL', address: 'หมู่ 5 ตำบลวังพิกุล' });
  await save('updateLaoArea', 'LaoAreaInput', {
    areaKm2: '120.75',
    population: 9342,
    revenueExcludingSubsidies: '5120000',
    revenueFromSubsidies: '23500000',
    chiefExecutiveName: 'นายวิชัย ตั้งใจ',
    permanentSecretaryName: 'นางพรทิพย์ มั่นคง',
  });
  await save('updateLaoCoordinator', 'LaoCoordinatorInput', {
    fullName: 'นางสาวกานดา ประสานดี',
    position: 'นักวิเคราะห์นโยบายและแผน',
    unit: 'สำนักปลัด',
    mobile: '089-765-4321',
    email: 'wangpikul@example.go.th',
  });
  return { client, laoId: String(lao.id), code: laoCode, password: laoPassword };
};

/** Approved projects of a year and the plan submitted (waiting for NACC's assessment), set up over the API. */
export const submitPlan = async (
  lao: GraphQLClient,
  nacc: GraphQLClient,
  laoId: string,
  year: number,
  names: string[],
): Promise<{ id: string; version: number }> => {
  const created = [];
  for (const name of names) {
    const response = await lao(
      `mutation($input: ProjectFieldsInput!) { createProject(input: $input) { id version } }`,
      {
        input: {
          name,
          workType: 'PROJECT',
          fiscalYears: [year],
          quarters: [1, 2],
          primaryDimension: 'ADMINISTRATION',
          essence: `${name}: อบรมและเผยแพร่ความรู้`,
          antiCorruptionBudget: '10000',
          localDevelopmentBudget: '10000',
          targetGroups: ['OFFICIALS'],
          objectives: 'เพื่อป้องกันการทุจริต',
        },
      },
    );
    created.push(response.data?.createProject);
  }
  await nacc(`mutation($input: ReviewProjectsInput!) { reviewProjects(input: $input) { id } }`, {
    input: { projects: created, decision: 'APPROVED' },
  });
  const plan = (await lao(`{ plan(laoId: "${laoId}", fiscalYear: ${year}) { id version } }`)).data?.plan;
  const submitted = await lao(
    `mutation { submitPlan(planId: "${plan.id}", version: ${plan.version}) { version } }`,
  );
  if (submitted.errors) throw new Error(JSON.stringify(submitted.errors));
  return { id: plan.id, version: submitted.data?.submitPlan.version };
};

/** Approved projects of a year and a plan assessed as passed, set up over the API. */
export const preparePlan = async (
  lao: GraphQLClient,
  nacc: GraphQLClient,
  laoId: string,
  year: number,
  names: string[],
) => {
  const plan = await submitPlan(lao, nacc, laoId, year, names);
  const assessed = await nacc(
    `mutation($input: AssessPlanInput!) { assessPlan(input: $input) { verdict } }`,
    {
      input: {
        planId: plan.id,
        version: plan.version,
        verdict: 'PASSED',
        scoreSociety: '20',
        scoreAdministration: '20',
        scoreParticipation: '20',
        scoreOversight: '20',
      },
    },
  );
  if (assessed.errors) throw new Error(JSON.stringify(assessed.errors));
};
