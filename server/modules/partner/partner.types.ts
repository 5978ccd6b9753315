import { Field, ObjectType } from 'type-graphql';
import { ApiKey } from './api-key.entity';

@ObjectType({ description: 'A key just created: the secret is in this answer only, never again.' })
export class CreatedApiKey {
  @Field(() => ApiKey, { description: 'The key.' })
  apiKey: ApiKey;

  @Field({
    description:
      'The secret to send as `Authorization: Bearer <secret>`. Store it now; only its digest is kept.',
  })
  secret: string;
}
