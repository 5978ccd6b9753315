import { Field, ObjectType } from 'type-graphql';

@ObjectType({
  description: 'What the viewer may do with a plan; the app reads this instead of re-implementing rules.',
})
export class PlanPermissions {
  @Field({
    description:
      'May record, edit and delete projects of this plan (the LAO itself; not while NACC assesses the submitted plan).',
  })
  recordProjects: boolean;

  @Field({ description: 'May submit the plan to NACC now.' })
  submit: boolean;

  @Field({ description: 'May assess the plan now (NACC, plan submitted).' })
  assess: boolean;

  @Field({
    description:
      'May report progress on the projects of this fiscal year (the LAO itself, plan passed); each round’s window applies on top.',
  })
  reportProgress: boolean;
}

@ObjectType({ description: 'What the viewer may do with a project.' })
export class ProjectPermissions {
  @Field({
    description:
      'May edit it (the LAO itself; not once withdrawn, nor while a plan of its years is under assessment).',
  })
  edit: boolean;

  @Field({
    description:
      'May delete it (the LAO itself, unless NACC approved it; not while a plan of its years is under assessment).',
  })
  delete: boolean;

  @Field({
    description:
      'May withdraw it from the plan with a reason (the LAO itself, approved projects; not while a plan of its years is under assessment).',
  })
  withdraw: boolean;

  @Field({ description: 'May approve or reject it (NACC within its reach).' })
  review: boolean;
}
