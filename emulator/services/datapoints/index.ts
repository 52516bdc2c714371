import type { EmulatedService } from '../../api-kit/service';
import { datapointRoutes } from './routes';
import { DATAPOINT_TABLES } from './tables';

/** The SmartServer as partners' own code sees it: datapoints over IAP/REST, and IAP/MQ's rules. */
export const datapoints: EmulatedService = {
  name: 'datapoints',
  summary: "Each SmartServer's devices' datapoints as partners' code reaches them: IAP/REST values, tags and paging, custom web pages, and IAP/MQ.",
  tags: [
    {
      name: 'iap-rest',
      description:
        "A SmartServer's datapoints through IAP/REST, as custom web pages and apps use them: values read and written by address (/iap/devs/{filter}/if/{block}/{index}/{datapoint}/value), tags, paged reads with snapshots, logout; and the custom web pages it serves with its login page and session cookie. Reading and writing values is refused for unlicensed devices.",
    },
  ],
  tables: DATAPOINT_TABLES,
  routes: datapointRoutes,
};

export { CLOCK_MOVE_BATCH, IapMqPublisher, type MqSink } from './publisher';
export { DATA_SUBSCRIPTION, REQUEST_SUBSCRIPTION, SID_TOPIC, isRequestTopic, type MqMessage, mqLogin, topicBelongsTo } from './mq';
export { DATAPOINTS, type DatapointDefinition } from './catalog';
export * from './schemas';
