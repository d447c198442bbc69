// esbuild entry (scripts/bench-browser): wink-nlp and its English lite web model, as one browser
// module.
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export { winkNLP, model };
