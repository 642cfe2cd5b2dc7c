import type { DeliveryPartnerFieldsFragment } from '../generated/graphql.js';
import type { components } from '../generated/openapi-v3.js';
import { resource } from '../shared/envelope.js';
import type { Programme } from '../shared/runtime.js';

type Schemas = components['schemas'];

/**
 * ECF/RECT v3: `name, created_at, updated_at, cohort` with years as strings (ecf.md §8.1).
 * NPQ v3: `name, cohort, created_at, updated_at` (npq.md §2.2). The live NPQ service sends the years
 * as integers while its spec says strings; we follow the spec (docs/compatibility.md).
 */
export function serializeDeliveryPartner(dp: DeliveryPartnerFieldsFragment, programme: Programme): Schemas['DeliveryPartner'] {
  const attributes =
    programme === 'npq'
      ? ({
          name: dp.name,
          cohort: dp.cohorts.map(String),
          created_at: dp.createdAt,
          updated_at: dp.updatedAt,
        } satisfies Schemas['NpqDeliveryPartnerAttributes'])
      : ({
          name: dp.name,
          created_at: dp.createdAt,
          updated_at: dp.updatedAt,
          cohort: dp.cohorts.map(String),
        } satisfies Schemas['EcfDeliveryPartnerAttributes']);
  return resource<Schemas['DeliveryPartner']>('delivery-partner', dp.id, attributes);
}
