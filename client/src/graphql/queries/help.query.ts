import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import { CONTACT_CHANNELS_FIELDS } from '../fragments/contact-channels.fragment';
import type {
  ContactChannelsQuery,
  ContactChannelsQueryVariables,
  HelpRoundsQuery,
  HelpRoundsQueryVariables,
} from '../generated';

/** NACC's contact channels and complaint channel: public (sign-in page, help, public pages). */
export const CONTACT_CHANNELS_QUERY: TypedDocumentNode<ContactChannelsQuery, ContactChannelsQueryVariables> =
  gql`
    query ContactChannels {
      contactChannels {
        ...ContactChannelsFields
      }
    }
    ${CONTACT_CHANNELS_FIELDS}
  `;

/** A fiscal year's reporting windows, public fields only (the help centre, signed in or not). */
export const HELP_ROUNDS_QUERY: TypedDocumentNode<HelpRoundsQuery, HelpRoundsQueryVariables> = gql`
  query HelpRounds($fiscalYear: Int!) {
    reportingRounds(fiscalYear: $fiscalYear) {
      id
      fiscalYear
      kind
      opensAt
      closesAt
    }
  }
`;
