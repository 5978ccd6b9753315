import { gql } from 'graphql-tag';

export const CONTACT_CHANNELS_FIELDS = gql`
  fragment ContactChannelsFields on ContactChannels {
    phone
    email
    lineId
    lineUrl
    officeHours
    complaintUrl
    version
    updatedAt
  }
`;
