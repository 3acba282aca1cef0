// GET /api/events.ics – the iCalendar subscription feed of all published events
import { getCalendar, getCalendarFull } from '@/lib/content/events';
import { negotiate, publicRoute, representRef } from '@/lib/http/public-route';

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = publicRoute(
  async (request) => {
    negotiate(request, ['text/calendar']);
    return representRef(request, await getCalendar(), getCalendarFull, 'calendar');
  },
  { vary: ['Accept'] },
);
