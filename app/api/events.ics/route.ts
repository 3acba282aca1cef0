// GET /api/events.ics – the iCalendar subscription feed of all published events
import { publicRoute } from '@/lib/api/route';
import { getCalendar } from '@/lib/content/events';
import { negotiate, represent } from '@/lib/http/respond';

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = publicRoute(
  async (request) => {
    negotiate(request, ['text/calendar']);
    return represent(request, await getCalendar(), 'calendar');
  },
  { vary: ['Accept'] },
);
