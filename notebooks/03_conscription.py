# ---
# jupyter:
#   kernelspec:
#     display_name: manpower (project .venv)
#     language: python
#     name: manpower
# ---

# %% [markdown]
# # Conscription: a wider age window

# %% tags=["parameters"]
as_of = None
sources = []
claimants = []
chart_format = "png"
dpi = 150
output_dir = ""

# %%
import pandas as pd

from manpower import charts
from manpower import findings as F
from manpower.chapter import Chapter
from manpower.narrative import quote

ch = Chapter.start("conscription", globals())
ds, N = ch.ds, ch.narrator

# %% [markdown]
# Conscripts are not supposed to be sent to fight in Ukraine, but the conscription pool feeds
# the army's reserve and its contract recruitment. Russia widened that pool without calling it a
# mobilisation: it raised the upper age at which men are called up.

# %%
w = F.age_window(ds)
if w is None:
    ch.nothing("figures on the conscription age window")
else:
    b, a = w["before"], w["after"]
    eff = f", effective {N.when(a['id'], 'effective')}" if pd.notna(a["effective"]) else ""
    ch.say(
        f"Announced {N.when(a['id'])}{eff}: men aged {N.fig(a['id'])} are liable for "
        f"conscription, where before it was those aged {N.fig(b['id'])}. The window now "
        f"spans {N.derived(w['added'], explain=False)} more single-year age cohorts — "
        f"{N.derived(w['widening'])} more — before any change in birth rates or exemptions, "
        f"which these sources do not give."
    )
    svc = ds.conscription[ds.conscription["measure"] == "service_length"]
    for _, r in svc.iterrows():
        ch.say(f"The term of service stays at {N.fig(r['id'])} ({quote(r['quote'])}).")

# %%
if w is not None:
    data = pd.DataFrame({
        "regime": ["before", "after"],
        "label": [f"Before ({N.when(b['id'])} announcement)", f"After (from {N.when(a['id'], 'effective')})" if pd.notna(a['effective']) else "After"],
        "age_min": [float(b["low"]), float(a["low"])],
        "age_max": [float(b["high"]), float(a["high"])],
        "cohorts": [w["cohorts_before"], w["cohorts_after"]],
    })
    fig, ax = charts.new_chart(height=2.4)
    colors = [charts.PALETTE["neutral"], charts.PALETTE["russia_claim"]]
    for y, (_, r) in enumerate(data.iterrows()):
        ax.barh(y, r["age_max"] - r["age_min"] + 1, left=r["age_min"] - 0.5, color=colors[y], height=0.55)
        ax.text(r["age_max"] + 0.7, y, f"ages {r['age_min']:.0f}–{r['age_max']:.0f}: {r['cohorts']} cohorts",
                va="center", fontsize=9)
    ax.set_yticks(range(len(data)), data["label"])
    ax.invert_yaxis()
    ax.set_xlim(16, 36)
    ax.set_xticks(range(16, 37, 2))
    charts.finish(fig, ax, title=f"Conscription now reaches men up to {a['high']:.0f}: "
                  f"{w['cohorts_after'] - w['cohorts_before']} more age cohorts (+{w['widening'].value:.0f}%)",
                  source=ch.sources_line([b["id"], a["id"]]), xlabel="Age (years)")
    ch.chart(fig, "age-window", data, "Russia's conscription age window before and after the 2023 change.")

# %%
ch.end()
