// Refund policy lives in core (`@terroir/core` orders module); re-exported for the routes
// and jobs that imported it from here.
export { refundOrder, refundUnservableOrders, REFUNDABLE_STATUSES, type RefundOrderResult } from '@terroir/core';
