import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import { CONTACT_CHANNELS_FIELDS } from '../fragments/contact-channels.fragment';
import type { ContactChannelsQuery, ContactChannelsQueryVariables } from '../generated';

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
