export { DEFAULT_ADDRESSES, type VendorAddresses } from './addresses';
export { KitControlPlane } from './control-plane';
export { type KitAddresses, type PartnerKit, type PartnerKitOptions, startPartnerKit } from './start-partner-kit';
