// Table, meter and counter sizes of the slicing pipeline, all in one place.
#ifndef VDN_SIZE_P4
#define VDN_SIZE_P4

// Slices travel as 802.1Q VLAN ids 1..4094; arrays indexed by slice id have 4096 cells.
#define SLICE_COUNT 4096
#define CLASSIFIER_SIZE 8192
// (edge port, customer VLAN) pairs that are slice endpoints.
#define CUSTOMER_VLAN_SIZE 8192
#define PUNT_SIZE 64
#define L2_FWD_SIZE 65536
#define L3_FWD_SIZE 16384
#define L3_V6_FWD_SIZE 8192
#define FLOOD_SIZE SLICE_COUNT
#define EGRESS_VLAN_SIZE 16384

#endif
