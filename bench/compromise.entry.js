// esbuild entry (scripts/bench-browser): compromise with its dates plugin, as one browser module.
import nlp from 'compromise';
import datesPlugin from 'compromise-dates';

nlp.plugin(datesPlugin);

export default nlp;
