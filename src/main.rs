//! Dossier's web app (placeholder until the app lands: see issue #3).
use yew::prelude::*;

#[function_component(App)]
fn app() -> Html {
    html! { <main><h1>{ "Dossier" }</h1><p>{ "Names and figures in news articles, analysed in your browser." }</p></main> }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
