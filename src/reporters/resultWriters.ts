import { writeAssessment } from './serializeAssessment.js';
import { csvResultWriter } from './csvResults.js';
import { organisationSummaryWriter } from './organisationSummary.js';
import type { Describer } from '../messages/describe.js';
import type { ResultWriter, ResultsOptions, TextBatchFormat } from './resultWriter.js';

const jsonlResultWriter: ResultWriter = {
  begin: () => '',
  result: (a, _first, write) => {
    writeAssessment(a, write);
    write('\n');
  },
  end: () => '',
};

const jsonResultWriter: ResultWriter = {
  begin: () => '[\n',
  result: (a, first, write) => {
    if (!first) write(',\n');
    writeAssessment(a, write);
  },
  end: () => '\n]\n',
};

export function resultWriter(format: TextBatchFormat, describer: Describer, options: ResultsOptions = {}): ResultWriter {
  if (format === 'html' || format === 'md') return organisationSummaryWriter(format, describer, options);
  return format === 'csv' ? csvResultWriter(describer, options) : format === 'json' ? jsonResultWriter : jsonlResultWriter;
}
