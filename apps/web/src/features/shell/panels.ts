import type { LucideIcon } from 'lucide-react';
import {
  Bell,
  BookOpen,
  FolderTree,
  Gauge,
  MessageSquareText,
  ScrollText,
  Terminal,
  Wrench,
} from 'lucide-react';
import type { ComponentType } from 'react';
import type { PanelId, SessionView } from '../../lib/store';
import { StderrPanel } from '../connection/StderrPanel';
import { OverviewPanel } from '../handshake/OverviewPanel';
import { LogPanel } from '../log/LogPanel';
import { NotificationsPanel } from '../notifications/NotificationsPanel';
import { PromptsPanel } from '../prompts/PromptsPanel';
import { ResourcesPanel } from '../resources/ResourcesPanel';
import { RootsPanel } from '../roots/RootsPanel';
import { ToolsPanel } from '../tools/ToolsPanel';
import { TAP_PANELS } from '../tap/tap-panels';

/** A panel of a session: its label, its keyboard shortcut (Alt+key) and what it renders. */
export interface PanelSpec {
  id: PanelId;
  label: string;
  key: string;
  icon: LucideIcon;
  component: ComponentType<{ session: SessionView }>;
}

/** The panels of a session, in navigation order. */
export const PANELS: PanelSpec[] = [
  { id: 'overview', label: 'Overview', key: '1', icon: Gauge, component: OverviewPanel },
  { id: 'log', label: 'Traffic', key: '2', icon: ScrollText, component: LogPanel },
  { id: 'tools', label: 'Tools', key: '3', icon: Wrench, component: ToolsPanel },
  { id: 'resources', label: 'Resources', key: '4', icon: BookOpen, component: ResourcesPanel },
  { id: 'prompts', label: 'Prompts', key: '5', icon: MessageSquareText, component: PromptsPanel },
  {
    id: 'notifications',
    label: 'Notifications',
    key: '6',
    icon: Bell,
    component: NotificationsPanel,
  },
  { id: 'roots', label: 'Roots', key: '7', icon: FolderTree, component: RootsPanel },
  { id: 'stderr', label: 'Stderr', key: '8', icon: Terminal, component: StderrPanel },
];

/** The panels a session shows: all of them, or for a tapped session the views of its traffic. */
export function visiblePanels(tapped: boolean): PanelSpec[] {
  return tapped ? PANELS.filter((p) => TAP_PANELS.has(p.id)) : PANELS;
}
