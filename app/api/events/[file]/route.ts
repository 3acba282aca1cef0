// GET /api/events/{id}.ics – one event as an iCalendar attachment
import { eventFileParamsSchema } from '@/lib/api/events';
import { publicRoute } from '@/lib/api/route';
import { getEventFile } from '@/lib/content/events';
import { HttpError } from '@/lib/http/problem';
import { negotiate, represent } from '@/lib/http/respond';

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = publicRoute<{ file: string }>(
  async (request, params) => {
    const parsed = eventFileParamsSchema.safeParse(params);
    if (!parsed.success) throw new HttpError(404, 'No event file has this name; use /api/events/{id}.ics.');
    negotiate(request, ['text/calendar']);
    const result = await getEventFile(parsed.data.file.slice(0, -'.ics'.length));
    if (result.kind === 'gone') throw new HttpError(410, 'This event was deleted.');
    if (result.kind === 'missing') throw new HttpError(404, 'No published event has this id.');
    return represent(request, result.representation, 'calendar');
  },
  { vary: ['Accept'] },
);
