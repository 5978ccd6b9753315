import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type { UpdateContactChannelsMutation, UpdateContactChannelsMutationVariables } from '../generated';
import { CONTACT_CHANNELS_FIELDS } from '../fragments/contact-channels.fragment';

/** A NACC central administrator replaces the contact channels (blank fields are cleared). */
export const UPDATE_CONTACT_CHANNELS_MUTATION: TypedDocumentNode<
  UpdateContactChannelsMutation,
  UpdateContactChannelsMutationVariables
> = gql`
  mutation UpdateContactChannels($input: ContactChannelsInput!) {
    updateContactChannels(input: $input) {
      ...ContactChannelsFields
    }
  }
  ${CONTACT_CHANNELS_FIELDS}
`;
