import { logoUrlOf } from '../../services/clinic';
import type { Clinic } from '../../storage/schema';
import type { BrandInfo } from '../ui/Layout';
import type { Boot } from '../client/types';

export type BrandClinic = Pick<
  Clinic,
  'id' | 'name' | 'tagline' | 'logo_version' | 'logo_width' | 'logo_height'
>;

/** What the header shows of a clinic: its name and tagline, and its logo when it has one. */
export function brandOf(c: BrandClinic): BrandInfo {
  const url = logoUrlOf(c);
  return {
    name: c.name,
    tagline: c.tagline,
    logo: url && c.logo_width && c.logo_height ? { url, width: c.logo_width, height: c.logo_height } : null,
  };
}

/** The clinic as the app's boot data carries it (the header's brand, and the zone for dates). */
export function bootClinicOf(c: BrandClinic & Pick<Clinic, 'timezone'>): Boot['clinic'] {
  return { name: c.name, tagline: c.tagline, timezone: c.timezone, id: c.id, logo: brandOf(c).logo ?? null };
}
