import type { Notification } from '../../models/notification-models';

export function presentNotification(n: Notification) {
  return {
    id: n.id,
    kind: n.kind,
    params: n.params,
    link: n.link,
    read: n.readAt !== null,
    readAt: n.readAt ? n.readAt.toISOString() : null,
    createdAt: n.createdAt.toISOString(),
  };
}
